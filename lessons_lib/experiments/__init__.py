"""The lessons' experiments: data sets, training configurations and cached runs.

One module per lesson family, the same families as :mod:`lessons_lib.widgets` and
:mod:`lessons_lib.exercises`: 01–02 :mod:`~lessons_lib.experiments.neuron`; 05
:mod:`~lessons_lib.experiments.information`; 07
:mod:`~lessons_lib.experiments.regularization`; 08 :mod:`~lessons_lib.experiments.hinge`;
09 :mod:`~lessons_lib.experiments.gradients`; 10 :mod:`~lessons_lib.experiments.exploding`
and :mod:`~lessons_lib.experiments.robust`. They import the maths and the trainers, never
matplotlib or ipywidgets: a notebook, a panel and an exercise check all run the same
experiment from here.
"""
