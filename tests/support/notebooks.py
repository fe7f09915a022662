"""Jupyter notebooks written as Jupyter writes them, for the Python front end's tests."""

from __future__ import annotations

import json


def notebook(*cells: list[str], markdown_first: bool = False) -> str:
    """An nbformat 4 notebook (indented as Jupyter writes it) with these code cells."""
    every = [{"cell_type": "markdown", "metadata": {}, "source": ["# Title \"quoted\""]}]
    every = every if markdown_first else []
    every += [
        {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
         "source": source}
        for source in cells
    ]
    return json.dumps({"cells": every, "metadata": {}, "nbformat": 4, "nbformat_minor": 5},
                      indent=1) + "\n"
