/** Energy flows counted by the integrator kernels during one or more steps (plain numbers). */
export class StepTally {
  /** Heat removed by the damping (O) half-steps. */
  dampingHeat = 0;
  /** Kinetic energy added by the Langevin noise. */
  thermostatWork = 0;
  /** Work of the wind, language spring and externally paid drive in the kicks. */
  windWork = 0;
  languageWork = 0;
  driveWork = 0;
  /** Drive work paid from internal energy. */
  effort = 0;
  /** Work done by the acceleration clamp (minus the conservative work it withheld). */
  clampWork = 0;
  /** Work withheld by the energy limit (minus the conservative work it kept from the kicks). */
  limitWork = 0;
  /** Heat removed when masses grow at constant momentum. */
  massGrowthHeat = 0;
  /** Space mechanisms: potential-energy change of trail decay and deposits; kinetic energy lost in collisions. */
  trailWork = 0;
  collisionHeat = 0;
}
