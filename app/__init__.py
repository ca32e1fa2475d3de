"""Idea Bank (创新智慧库)."""
__version__ = "0.1.0"
