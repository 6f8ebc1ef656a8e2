export {
  type Difference,
  runConversationTest,
  runTestFile,
  type TestContext,
  type TestResult,
  textMatches,
  unvisitedNodes,
} from "./conversation.js";
export { allFixtures, findFixture, fixtureResult, secretStandIns, urlMatches } from "./fixtures.js";
