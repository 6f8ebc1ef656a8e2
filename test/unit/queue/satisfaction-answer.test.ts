import { describe, expect, it } from "vitest";
import { parseScore, satisfactionQuestion } from "../../../runtime/conversation/satisfaction.js";
import { satisfactionFigures } from "../../../runtime/queue/team-report.js";

describe("reading a customer's answer to the satisfaction question", () => {
  it.each([
    ["4", 4],
    [" 5 ", 5],
    ["1.", 1],
    ["4/5", 4],
    ["4 / 5", 4],
    ["3 sur 5", 3],
    ["2 out of 5", 2],
    ["cinq", 5],
    ["Quatre !", 4],
    ["trois étoiles", 3],
    ["five stars", 5],
    ["One", 1],
    ["5 ⭐", 5],
  ])("takes %j as %i", (text, score) => {
    expect(parseScore({ text })).toBe(score);
  });

  it.each(["0", "6", "10", "45", "Bonjour", "j'ai 4 colis", "4 colis perdus", "", "quatre cinq", "4.5"])(
    "takes %j as no score",
    (text) => {
      expect(parseScore({ text })).toBeUndefined();
    },
  );

  it("takes the question's buttons, and no other button", () => {
    expect(parseScore({ choiceId: "satisfaction:2" })).toBe(2);
    expect(parseScore({ choiceId: "satisfaction:9" })).toBeUndefined();
    expect(parseScore({ choiceId: "yes", text: "4" })).toBe(4);
  });

  it("asks in the conversation's language, in the queue's words when it has some, with buttons only where shown", () => {
    expect(satisfactionQuestion("en", {}, false)).toEqual({
      nodeId: "notice:satisfaction",
      text: "Are you satisfied with our help? Answer with a score from 1 (not at all) to 5 (completely).",
    });
    const own = satisfactionQuestion("fr", { satisfaction: { fr: "Une note de 1 à 5 ?" } }, true);
    expect(own.text).toBe("Une note de 1 à 5 ?");
    expect(own.choices?.map((choice) => choice.label)).toEqual(["1", "2", "3", "4", "5"]);
  });

  it("sums up scores as answers, mean and distribution", () => {
    expect(satisfactionFigures([])).toEqual({ answers: 0, average: null, scores: [0, 0, 0, 0, 0] });
    expect(satisfactionFigures([5, 4, 4, 1])).toEqual({ answers: 4, average: 3.5, scores: [1, 0, 0, 2, 1] });
  });
});
