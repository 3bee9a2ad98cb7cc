// Clear every output, then start Run All (not awaited: run_done.js tells when it is over)
async () => {
  const app = window.jupyterapp;
  await app.commands.execute('notebook:clear-all-cell-outputs');
  void app.commands.execute('notebook:run-all-cells');
}
