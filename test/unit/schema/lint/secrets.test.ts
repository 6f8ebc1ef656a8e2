import { describe, expect, it } from "vitest";
import { FILE, flowOf, linear, problemsOf } from "./fixtures.js";

describe("lint/reserved-secret", () => {
  it("refuses a secret named after the runtime's own settings, with the file and the pointer", () => {
    const flow = flowOf(linear(), { secrets: ["CRM_TOKEN", "RELAIS_ADMIN_PASSWORD", "DATABASE_URL"] });
    expect(problemsOf("reserved-secret", flow)).toEqual([
      {
        code: "lint/reserved-secret",
        params: { secret: "RELAIS_ADMIN_PASSWORD" },
        severity: "error",
        file: FILE,
        pointer: "/secrets/1",
        message:
          "The flow lists the secret `RELAIS_ADMIN_PASSWORD`, outside the flow secrets (RELAIS_SECRET_<name> or the secrets file): it is one of the runtime's own settings, which flows can never read.",
      },
      expect.objectContaining({ pointer: "/secrets/2", message: expect.stringContaining("`DATABASE_URL`") }),
    ]);
  });

  it("tells to drop the prefix the runtime adds itself", () => {
    const flow = flowOf(linear(), { secrets: ["RELAIS_SECRET_CRM_TOKEN"] });
    expect(problemsOf("reserved-secret", flow)[0]?.message).toContain(
      "write `CRM_TOKEN`: the runtime adds the prefix RELAIS_SECRET_ itself",
    );
  });
});
