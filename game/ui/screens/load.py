"""Load: every save, newest first; damaged ones shown with the reason, never opened."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from game.engine import NAME_LIMIT, clean_line
from game.ui.screens.base import GameScreen
from game.ui.screens.title import when
from game.ui.widgets.footer import GameFooter
from game.ui.widgets.option_list import RoomyOptionList

# Inside an option, quieter words are "dim", not "$text-muted": a colour of their own
# stays when the option is highlighted, and high contrast's light grey on its yellow
# highlight could not be read. Dim follows the highlight's colours.


def describe(info, story) -> Content:
    """Two lines for a save: who and where; when (or why it cannot be opened)."""
    hero = clean_line(info.hero or "", NAME_LIMIT)
    name = clean_line(info.path.name, 60)
    if info.cannot_load:
        reason = clean_line(info.cannot_load)
        kind = (
            "From a newer game"
            if "newer version" in reason
            else "Another story"
            if "another story" in reason
            else "Damaged"
        )
        return Content.assemble(
            (f"{kind}: ", "bold $error"),
            (f"{hero} " if hero else "", "bold"),
            (f"({name})" if hero else name, "dim"),
            ("\n  " + reason, "italic"),
        )
    where = clean_line(info.where or "")
    ending = finished(info, story)
    return Content.assemble(
        (hero, "bold"),
        ("  " + where, ""),
        ("\n  saved " + when(info.saved_at), "dim"),
        (f"  ·  finished: {ending}" if ending else "", "$success"),
    )


def finished(info, story) -> str | None:
    """The ending's name, for a save that stands at an ending of the story."""
    ref = f"{info.chapter}:{info.scene}"
    if story is None or not story.has_scene(ref):
        return None
    ending = story.scene(ref).ending
    return " ".join(ending.split()) if ending else None


class LoadScreen(GameScreen[None]):
    """Enter opens a save; Delete removes one, after asking."""

    AUTO_FOCUS = "#saves"
    BINDINGS = [
        Binding("d,delete", "delete", "Delete"),
        Binding("escape", "close", "Back"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="load", classes="page"):
            yield Static(Content("Load a saved game"), classes="page-title")
            yield Static(id="load-empty", markup=False)
            yield RoomyOptionList(id="saves", markup=False)
        yield GameFooter(show_command_palette=False)

    def on_mount(self) -> None:
        self.refresh_saves()

    def refresh_saves(self) -> None:
        app = self.game_app
        self.infos = app.store.list(app.story)
        saves = self.query_one("#saves", OptionList)
        options: list[Option | None] = []
        for number, info in enumerate(self.infos):
            if number:
                options.append(None)
            options.append(Option(describe(info, app.story), id=str(number)))
        saves.set_options(options)
        empty = self.query_one("#load-empty", Static)
        empty.update(Content("No saved games yet." if not self.infos else ""))
        empty.display = not self.infos
        saves.display = bool(self.infos)
        if self.infos:
            saves.highlighted = 0
            newest = next((n for n, info in enumerate(self.infos) if info.loadable), None)
            if newest is not None:
                saves.highlighted = newest

    def selected(self):
        option = self.query_one("#saves", OptionList).highlighted_option
        return self.infos[int(option.id)] if option is not None and option.id else None

    @on(OptionList.OptionSelected, "#saves")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        info = self.selected()
        if info is None:
            return
        if not info.loadable:
            self.game_app.tell(
                f"{info.path.name} cannot be opened: {info.cannot_load}. It is left as it is.",
                error=True,
            )
            return
        self.game_app.resume(info.path)

    def action_delete(self) -> None:
        from game.ui.screens.confirm import ConfirmDialog
        from game.ui.screens.play import PlayScreen

        info = self.selected()
        if info is None:
            return
        for screen in self.app.screen_stack:
            if isinstance(screen, PlayScreen) and screen.game.path == info.path:
                self.game_app.tell("That is the game you are playing now: it stays.")
                return
        name = clean_line(info.path.name, 60)
        who = clean_line(info.hero or "", NAME_LIMIT) or name
        question = (
            f"Delete the damaged save {name}? It cannot be undone."
            if info.cannot_load
            else f"Delete {who}'s game? It cannot be undone."
        )

        def answer(yes: bool | None) -> None:
            if yes:
                try:
                    self.game_app.store.delete(info.path)
                except Exception as exc:  # noqa: BLE001
                    self.game_app.tell(f"It could not be deleted: {exc}", error=True)
                self.refresh_saves()

        self.app.push_screen(ConfirmDialog(question, yes="Delete", no="Keep it"), answer)

    def action_close(self) -> None:
        self.dismiss(None)
