"""Helpers every feature uses: background jobs, preferences, session, shared form bits."""
