"""Dialogs: proposing, reviewing, signing in, settings, exports."""
