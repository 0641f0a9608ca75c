"""The full-screen game, built with Textual on top of `game.engine`.

Only `game.play` imports this package; the engine never does.
"""
