"""Drive one panel of a notebook page: every control, by keyboard and by mouse.

:class:`PanelDriver` moves every slider (arrow and Page keys, a mouse drag, its value typed
back), toggle, option, radio button, checkbox and button of a panel, and checks that each
action repainted the figure and changed the readout with no kernel error; it keeps a
message (and a screenshot of the panel) for each action that did not.
"""

from __future__ import annotations

import contextlib
import re
import time
from typing import TYPE_CHECKING

from ._js import js

if TYPE_CHECKING:
    from .page import NotebookPage

MAX_CONTROL_FAILURES = 8  # per notebook; then its remaining controls are not tried


class TooManyFailures(Exception):
    """The notebook's failure budget is spent: stop driving its controls."""


ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def clean(text: str, limit: int = 1500) -> str:
    """``text`` without ANSI colour codes and surrounding blanks, cut at ``limit``."""
    text = ANSI.sub("", text).strip()
    return text if len(text) <= limit else text[:limit] + " …"


class PanelDriver:
    """Moves every control of one panel and records what did not respond.

    Each action must change both the figure (canvas pixels) and the readout text, with
    no kernel error. Every slider is tried from the panel's initial state: after its
    keyboard and mouse moves it is typed back to its initial value (in its readout box),
    since a control can have no visible effect in some states (an epoch budget once both
    costs have converged, say).
    """

    CHANGE_TIMEOUT_S = 10.0  # a slider move → new frame and readout (SpeedMap: a new map)
    SETTLE_TIMEOUT_S = 120.0
    STEP_TIMEOUT_S = 3.0  # one key step: it may legitimately not show
    MAX_PAGE_PRESSES = 3  # then Page keys (5 steps each)

    def __init__(self, notebook: NotebookPage, locator, index: int) -> None:
        self.nb = notebook
        self.page = notebook.page
        self.loc = locator
        self.index = index
        self.failures: list[str] = []
        self.actions: list[str] = []
        self.label = self.loc.evaluate(js("panel_label"))

    # -- observing ----------------------------------------------------------------------

    def snapshot(self) -> dict:
        """The panel now: its figures' pixel fingerprint, its readout, the kernel errors."""
        return self.loc.evaluate(js("snapshot"))

    def settle(self) -> dict:
        """Wait until the kernel is idle and the figure and readout stop changing."""
        deadline = time.monotonic() + self.SETTLE_TIMEOUT_S
        previous, stable = None, 0
        while time.monotonic() < deadline:
            self.nb.assert_kernel_alive()
            state = self.loc.evaluate(js("settle_state"))
            snap = state["snap"]
            if (state["idle"] or self.nb.restless) and state["painted"] and snap == previous:
                stable += 1
                if stable >= (4 if self.nb.restless else 2):
                    return snap
            else:
                stable = 0
            previous = snap
            time.sleep(0.15)
        raise AssertionError(f"{self.label}: did not settle in {self.SETTLE_TIMEOUT_S:.0f} s")

    def _wait_changed(self, before: dict, timeout_s: float, need_both: bool = True) -> dict:
        """Wait until the figure and the readout differ from ``before`` (or a kernel error
        arrives); return the last snapshot."""
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        handle = self.loc.element_handle()
        with contextlib.suppress(PlaywrightTimeout):
            self.page.wait_for_function(
                js("changed"),
                arg=[handle, before, need_both],
                timeout=timeout_s * 1000,
                polling=100,
            )
        return self.snapshot()

    def _missing(self, before: dict, after: dict) -> list[str]:
        missing = []
        if before["nCanvas"] and after["canvas"] == before["canvas"]:
            missing.append("the figure did not repaint")
        if before["nReadout"] and after["readout"] == before["readout"]:
            missing.append(f"the readout text did not change ({clean(after['readout'], 160)!r})")
        if not before["nCanvas"] and not before["nReadout"]:
            missing.append("the panel has neither a figure nor a readout to check")
        if after["nBad"] > before["nBad"]:
            bad = self.page.evaluate(js("bad_outputs"))
            missing.append("the kernel reported: " + clean(bad[-1]["text"], 600))
        return missing

    def _fail(self, msg: str) -> None:
        """Keep a failure message, with a screenshot of the panel when possible."""
        msg = f"{self.label} — {msg}"
        if self.nb.artifact_prefix is not None:
            prefix = self.nb.artifact_prefix
            shot = prefix.with_name(f"{prefix.name}-panel{self.index}-{len(self.failures)}.png")
            shot.parent.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(Exception):
                self.loc.screenshot(path=str(shot))
                msg += f" (screenshot: {shot})"
        self.failures.append(msg)
        self.nb.failure_budget -= 1
        if self.nb.failure_budget <= 0:
            self.failures.append(
                f"{self.label} — stopped after {MAX_CONTROL_FAILURES} failures in this "
                "notebook; the remaining controls were not tried"
            )
            raise TooManyFailures

    def attempt(self, what: str, act) -> bool:
        """Run ``act``, which returns (detail, before, after) or a failure string."""
        self.actions.append(what)
        result = act()
        if isinstance(result, str):
            self._fail(f"{what}: {result}")
            return False
        detail, before, after = result
        missing = self._missing(before, after)
        if missing:
            self._fail(f"{what} ({detail}): " + "; ".join(missing))
        return not missing

    # -- sliders ------------------------------------------------------------------------

    def sliders(self):
        """The panel's sliders, in page order."""
        loc = self.loc.locator(".widget-slider")
        return [loc.nth(i) for i in range(loc.count())]

    @staticmethod
    def _name(control, fallback: str) -> str:
        label = control.locator(".widget-label")
        text = label.first.text_content() if label.count() else ""
        return (text or "").strip() or fallback

    @staticmethod
    def _value(slider) -> str:
        """What the slider shows: its readout and its handles' ARIA values (aria-valuenow
        alone is rounded to one decimal)."""
        return slider.evaluate(js("slider_value"))

    @staticmethod
    def towards_middle(handle) -> str:
        """The arrow key that moves the slider handle towards the middle of its range."""
        now, lo, hi = (
            float(handle.get_attribute(a) or 0)
            for a in ("aria-valuenow", "aria-valuemin", "aria-valuemax")
        )
        return "ArrowRight" if now - lo <= hi - now else "ArrowLeft"

    def keyboard_move(self, slider, handle):
        """Arrow key once; if the figure and readout do not both show it (axis limits
        and rounded readouts may absorb one step), Page keys follow, up to
        ``MAX_PAGE_PRESSES`` times. The slider's own value must move at once."""
        handle.scroll_into_view_if_needed()
        before = self.settle()
        value = self._value(slider)
        key = self.towards_middle(handle)
        handle.press(key)  # focuses the .noUi-handle, then the key
        if self._value(slider) == value:
            return f"{key}: the handle did not move"
        # the first change shows within STEP_TIMEOUT_S; once the kernel is idle again,
        # the readout is final
        self._wait_changed(before, self.STEP_TIMEOUT_S, need_both=False)
        after = self.settle()
        keys = [key]
        page_key = "PageUp" if key == "ArrowRight" else "PageDown"
        while (
            len(keys) <= self.MAX_PAGE_PRESSES
            and after["nBad"] == before["nBad"]
            and self._missing(before, after)
        ):
            previous = after
            handle.press(page_key)
            keys.append(page_key)
            self._wait_changed(previous, self.STEP_TIMEOUT_S, need_both=False)
            after = self.settle()
        return ", ".join(keys), before, after

    def mouse_drag(self, slider, handle):
        """Drag the handle 30 % of the track towards the middle."""
        handle.scroll_into_view_if_needed()
        before = self.settle()
        value = self._value(slider)
        box = handle.bounding_box()
        track = slider.locator(".noUi-target").first.bounding_box()
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        dx = (1 if x < track["x"] + track["width"] / 2 else -1) * 0.3 * track["width"]
        mouse = self.page.mouse
        mouse.move(x, y)
        mouse.down()
        mouse.move(x + dx, y, steps=12)
        mouse.up()
        if self._value(slider) == value:
            width = track["width"]
            why = f" (its track is {width:.0f} px wide: the description takes the room)"
            return "the handle did not move under the mouse" + (why if width < 40 else "")
        after = self._wait_changed(before, self.CHANGE_TIMEOUT_S)
        return f"{'right' if dx > 0 else 'left'} {abs(dx):.0f} px", before, after

    def type_value(self, slider, text: str) -> None:
        """Type ``text`` into the slider's readout box and press Enter."""
        readout = slider.locator(".widget-readout")
        readout.scroll_into_view_if_needed()
        readout.click()
        self.page.keyboard.press("Control+a")
        self.page.keyboard.type(text.replace("\u2212", "-"))  # ipywidgets shows U+2212
        self.page.keyboard.press("Enter")

    def nudge_all_sliders(self) -> None:
        """Move every slider one step (so that a preset button has something to undo)."""
        for slider in self.sliders():
            handles = slider.locator(".noUi-handle")
            for h in range(handles.count()):
                handles.nth(h).press(self.towards_middle(handles.nth(h)))
                self.settle()

    # -- clickables ---------------------------------------------------------------------

    def _click(self, target, act=None):
        target.scroll_into_view_if_needed()
        before = self.settle()
        (act or target.click)()
        return "click", before, self._wait_changed(before, self.CHANGE_TIMEOUT_S)

    def drive_toggle_buttons(self) -> None:
        groups = self.loc.locator(".widget-toggle-buttons")
        for g in range(groups.count()):
            group = groups.nth(g)
            name = self._name(group, f"toggle group {g}")
            options = group.locator(".widget-toggle-button")
            n = options.count()
            active = [
                i for i in range(n) if "mod-active" in (options.nth(i).get_attribute("class") or "")
            ]
            for i in [i for i in range(n) if i not in active] + active[:1]:
                option = options.nth(i)
                text = (option.text_content() or "").strip()
                self.attempt(f"{name}: toggle '{text}'", lambda o=option: self._click(o))

    def drive_dropdowns(self) -> None:
        drops = self.loc.locator(".widget-dropdown")
        for d in range(drops.count()):
            select = drops.nth(d).locator("select")
            name = self._name(drops.nth(d), f"dropdown {d}")
            n = select.locator("option").count()
            current = select.evaluate(js("selected_index"))
            for i in [i for i in range(n) if i != current] + [current]:
                self.attempt(
                    f"{name}: option {i}",
                    lambda i=i, s=select: self._click(s, lambda: s.select_option(index=i)),
                )

    def drive_radio_buttons(self) -> None:
        boxes = self.loc.locator(".widget-radio-box")
        for r in range(boxes.count()):
            radios = boxes.nth(r).locator("input[type=radio]")
            n = radios.count()
            current = [i for i in range(n) if radios.nth(i).is_checked()]
            for i in [i for i in range(n) if i not in current] + current[:1]:
                radio = radios.nth(i)
                self.attempt(f"radio group {r}: option {i}", lambda x=radio: self._click(x))

    def drive_checkboxes(self) -> None:
        boxes = self.loc.locator(".widget-checkbox")
        for c in range(boxes.count()):
            name = self._name(boxes.nth(c), f"checkbox {c}")
            box = boxes.nth(c).locator("input[type=checkbox]")
            for turn in ("switch", "switch back"):
                self.attempt(f"checkbox '{name}': {turn}", lambda b=box: self._click(b))

    def _press_button(self, button):
        button.scroll_into_view_if_needed()
        before = self.settle()
        button.click()
        after = self._wait_changed(before, 3.0, need_both=False)
        if after == before:
            # a preset equal to the current values changes nothing: move the sliders
            # off it first, then the click must show
            self.nudge_all_sliders()
            _, before, after = self._click(button)
            return "click after moving every slider one step", before, after
        return "click", before, self._wait_changed(before, self.CHANGE_TIMEOUT_S)

    def drive_buttons(self) -> None:
        buttons = self.loc.locator(".widget-button")
        for b in range(buttons.count()):
            button = buttons.nth(b)
            what = f"button '{(button.text_content() or '').strip()}'"
            self.attempt(what, lambda x=button: self._press_button(x))

    # -- everything ---------------------------------------------------------------------

    def drive(self) -> list[str]:
        """Every slider (keyboard and mouse), toggle, option, checkbox and button."""
        if self.nb.failure_budget <= 0:
            return []
        with contextlib.suppress(TooManyFailures):
            self._drive()
        return self.failures

    def _drive(self) -> None:
        self.loc.scroll_into_view_if_needed()
        self.settle()
        for s, slider in enumerate(self.sliders()):
            name = self._name(slider, f"slider {s}")
            readouts = slider.locator(".widget-readout")
            handles = slider.locator(".noUi-handle")
            single = readouts.count() == 1 and handles.count() == 1
            initial = readouts.text_content() if single else None
            for h in range(handles.count()):
                label = name if handles.count() == 1 else f"{name} handle {h}"
                handle = handles.nth(h)
                self.attempt(
                    f"slider '{label}': keyboard",
                    lambda sl=slider, hd=handle: self.keyboard_move(sl, hd),
                )
                self.attempt(
                    f"slider '{label}': mouse drag",
                    lambda sl=slider, hd=handle: self.mouse_drag(sl, hd),
                )
            if initial is not None:
                self.settle()
                self.type_value(slider, initial)
                self.settle()
                if slider.locator(".widget-readout").text_content() != initial:
                    self._fail(f"slider '{name}': could not type back its value {initial!r}")
        self.drive_toggle_buttons()
        self.drive_dropdowns()
        self.drive_radio_buttons()
        self.drive_checkboxes()
        self.drive_buttons()
        self.settle()
