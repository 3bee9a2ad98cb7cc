"""The suite's one figure style: a colour-blind-safe palette whose colours keep their
meaning in every notebook, a second cue for every comparison, and readable text.

Colours are Okabe & Ito's eight (2008), distinguishable with every common colour-vision
deficiency. Each *concept* has one colour everywhere (:data:`COLORS`): the quadratic cost
is vermillion whether it is a curve in notebook 01 or a bar in notebook 10; cross-entropy
is blue. Because 8 colours are shared by more concepts than that, a concept may share a
colour with one of another family that never appears in the same figure. Wherever two
series are compared they also differ in a second cue (:data:`LINESTYLES`,
:data:`MARKERS`, a hatch, or a label written at the line's end), so the figure still
reads in grey. Surfaces use perceptually uniform colormaps (:data:`SEQUENTIAL`,
:data:`DIVERGING`). Text is ≥ 9 pt, maths is mathtext (``$\\sigma'(z)$``) with a true
minus sign, and :data:`RC` holds the settings; :func:`styled` applies them while a figure
is built.
"""

from __future__ import annotations

from contextlib import contextmanager

import matplotlib as mpl

__all__ = [
    "OKABE_ITO",
    "COLORS",
    "LINESTYLES",
    "MARKERS",
    "LABELS",
    "SEQUENTIAL",
    "DIVERGING",
    "NOT_REACHED",
    "RC",
    "styled",
    "finish",
    "color",
    "label",
]

OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
_ = OKABE_ITO
GREY, LIGHT_GREY = "#7F7F7F", "#D0D0D0"

COLORS: dict[str, str] = {
    # costs and losses, in every notebook (keys are names in lessons_lib.losses.LOSSES)
    "quadratic_cost": _["vermillion"],
    "mse_loss": _["vermillion"],
    "binary_cross_entropy_with_logits": _["blue"],
    "binary_cross_entropy": _["blue"],
    "cross_entropy": _["blue"],
    "nll_loss": _["blue"],
    "l1_loss": _["bluish_green"],
    "smooth_l1_loss": _["reddish_purple"],
    "huber_loss": _["reddish_purple"],
    "multiclass_hinge_loss": _["orange"],
    "multi_margin_loss": _["orange"],
    "sigmoid_focal_loss": _["sky_blue"],
    # penalties (07): the colour of the loss of the same shape
    "l2": _["vermillion"],
    "l1": _["bluish_green"],
    # the two reference starts (01–02)
    "start_a": _["sky_blue"],
    "start_b": _["black"],
    # truth and model (03–06, 08): labels, the true class and p are the truth
    "truth": _["black"],
    "true_class": _["black"],
    "p": _["black"],
    "model": _["sky_blue"],
    "q": _["sky_blue"],
    "entropy": GREY,
    "kl": _["yellow"],
    # output layers (03–04)
    "softmax": _["blue"],
    "sigmoid": _["bluish_green"],
    # data splits (03, 07, 09)
    "train": _["black"],
    "validation": _["orange"],
    "test": _["blue"],
    # exploding gradients and their remedies (10)
    "diverged": _["black"],
    "smaller_eta": _["sky_blue"],
    "clipping": _["orange"],
    "he_init": _["bluish_green"],
    # hinge terms (08): a margin that is violated shows the hinge's colour
    "violated": _["orange"],
    "met": LIGHT_GREY,
    # three classes of a 2-D data set (07, 08), each also with its own marker: colours that
    # no loss, penalty or data split in those figures uses
    "class_0": _["sky_blue"],
    "class_1": _["reddish_purple"],
    "class_2": _["yellow"],
    # neutral: reference curves (σ′, −ln q), bounds, zero lines
    "reference": GREY,
    "bound": GREY,
}

LINESTYLES: dict[str, str] = {
    "quadratic_cost": "-",
    "mse_loss": "-",
    "binary_cross_entropy_with_logits": "--",
    "cross_entropy": "--",
    "l1_loss": ":",
    "smooth_l1_loss": "-.",
    "huber_loss": (0, (5, 1, 1, 1, 1, 1)),
    "multiclass_hinge_loss": "-",
    "start_a": "-",
    "start_b": "--",
    "train": "-",
    "validation": "-.",
    "test": "--",
    "softmax": "-",
    "sigmoid": "--",
    "p": "-",
    "q": "--",
    "reference": "-",
    "bound": ":",
}

MARKERS: dict[str, str] = {
    "start_a": "o",
    "start_b": "s",
    "class_0": "o",
    "class_1": "s",
    "class_2": "^",
    "diverged": "X",
    "quadratic_cost": "o",
    "binary_cross_entropy_with_logits": "s",
}

# how a concept is named on a figure (mathtext where there is maths)
LABELS: dict[str, str] = {
    "quadratic_cost": "quadratic",
    "mse_loss": "MSE",
    "binary_cross_entropy_with_logits": "cross-entropy",
    "binary_cross_entropy": "cross-entropy",
    "cross_entropy": "cross-entropy",
    "l1_loss": "L1",
    "smooth_l1_loss": "Smooth L1",
    "huber_loss": "Huber",
    "multiclass_hinge_loss": "hinge",
    "sigmoid_focal_loss": "focal",
    "l2": "L2",
    "l1": "L1",
    "train": "train",
    "validation": "validation",
    "test": "test",
}

SEQUENTIAL = "viridis"  # loss surfaces, maps, per-layer colours (perceptually uniform)
DIVERGING = "PuOr_r"  # signed quantities such as the softmax Jacobian (colour-blind safe)
NOT_REACHED = LIGHT_GREY  # a start that never arrives, on a map

RC = {
    "font.size": 10.0,
    "axes.titlesize": 10.5,
    "axes.labelsize": 10.0,
    "xtick.labelsize": 9.0,
    "ytick.labelsize": 9.0,
    "legend.fontsize": 9.0,
    "legend.frameon": False,
    "figure.titlesize": 11.0,
    "axes.unicode_minus": True,
    "mathtext.fontset": "dejavusans",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": mpl.cycler(
        color=[_["blue"], _["vermillion"], _["bluish_green"], _["orange"], _["sky_blue"]]
    ),
    "lines.linewidth": 1.8,
    "image.cmap": SEQUENTIAL,
}


@contextmanager
def styled():
    """The suite's settings (:data:`RC`) while a figure and its artists are made. The font
    family is left to ``i18n.set_language``, which puts a font with Chinese glyphs first
    in the Chinese edition."""
    with mpl.rc_context(RC):
        yield


def finish(fig) -> None:
    """Fix on every Axes of ``fig`` what matplotlib would otherwise read from the rc
    settings again later: tick labels made while drawing (outside :func:`styled`) get the
    suite's size too. Called before a figure is first drawn."""
    for ax in fig.axes:
        ax.tick_params(axis="x", labelsize=RC["xtick.labelsize"])
        ax.tick_params(axis="y", labelsize=RC["ytick.labelsize"])


def color(concept: str) -> str:
    """The colour of a concept (a key of :data:`COLORS`); ``KeyError`` names unknown ones."""
    try:
        return COLORS[concept]
    except KeyError:
        raise KeyError(f"concept: {concept!r} has no colour in plots.style.COLORS") from None


def label(concept: str) -> str:
    """How a concept is named on a figure (its key when :data:`LABELS` has none)."""
    return LABELS.get(concept, concept)
