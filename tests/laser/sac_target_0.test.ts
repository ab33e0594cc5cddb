import { checkSacTarget } from "./_sac_target.ts";

Deno.test("SAC at the quick setting reaches a FWHM within 20% of transform-limited (seed 0)", async () => {
  await checkSacTarget(0);
});
