/** Said wherever a simulated run's numbers show: they come from the built-in simulator, not from real models. */
export function SimulatedNotice() {
  return (
    <p
      role="note"
      data-testid="simulated-notice"
      className="rounded-md border border-amber-500 bg-amber-50 px-3 py-2 text-sm font-medium text-amber-950 dark:border-amber-500 dark:bg-amber-950 dark:text-amber-100"
    >
      Simulated: every model in this run is the built-in simulator. These numbers say nothing about real models.
    </p>
  );
}
