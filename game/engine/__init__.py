"""The story engine: loading, checking, state, rules and saves. It never imports Textual."""
