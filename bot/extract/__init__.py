"""Extraction: one module per stage, each a pure function from the parsed Doc to bot.extract.types dataclasses."""
