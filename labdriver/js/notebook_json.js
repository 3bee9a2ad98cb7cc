// The current notebook as the page has it (nbformat JSON)
() => window.jupyterapp.shell.currentWidget.context.model.toJSON()
