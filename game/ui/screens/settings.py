"""Settings: theme, how the text appears, spacing, pictures. Kept in the saves folder."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Label, RadioButton, RadioSet

from game.ui.screens.base import GameDialog

GROUPS: list[tuple[str, str, list[tuple[object, str]]]] = [
    (
        "theme",
        "Colours",
        [("dark", "Dark"), ("light", "Light"), ("high-contrast", "High contrast")],
    ),
    (
        "reveal",
        "How the story appears",
        [("all", "All at once"), ("lines", "A paragraph at a time")],
    ),
    (
        "spacing",
        "Spacing",
        [("roomy", "Roomy"), ("snug", "Snug: more words on screen")],
    ),
    ("art", "Pictures", [(True, "Show pictures"), (False, "Hide pictures")]),
]
"""Each setting: its key, its heading, and its values with their labels."""


class SettingGroup(RadioSet):
    """One setting's values; the cursor starts on the chosen one (Enter keeps it)."""

    def on_mount(self) -> None:
        # RadioSet's own mount handler (it runs after this one) puts the cursor on the
        # first option; move it once that is done.
        self.call_later(self.to_chosen)

    def to_chosen(self) -> None:
        if self.pressed_index >= 0:
            self._selected = self.pressed_index


class SettingsScreen(GameDialog[None]):
    """Every change applies at once and is kept for next time."""

    AUTO_FOCUS = "#set-theme"
    BINDINGS = [("escape", "close", "Done")]

    def compose_dialog(self) -> ComposeResult:
        settings = self.game_app.settings
        with VerticalScroll(id="settings", classes="dialog"):
            yield Label("Settings", classes="dialog-title")
            for key, heading, values in GROUPS:
                with SettingGroup(id=f"set-{key}") as radio_set:
                    radio_set.border_title = heading
                    for value, label in values:
                        yield RadioButton(label, value=getattr(settings, key) == value)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Done", variant="primary", id="done")

    @on(RadioSet.Changed)
    def changed(self, event: RadioSet.Changed) -> None:
        key = (event.radio_set.id or "").removeprefix("set-")
        for group_key, _, values in GROUPS:
            if group_key == key and 0 <= event.index < len(values):
                app = self.game_app
                app.change_settings(app.settings.with_(**{key: values[event.index][0]}))

    @on(Button.Pressed, "#done")
    def done(self) -> None:
        self.dismiss(None)
