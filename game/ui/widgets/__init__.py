"""The play screen's parts: the scene's text, the choices, the party."""
