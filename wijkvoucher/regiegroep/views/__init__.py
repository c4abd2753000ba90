"""Views of the regiegroep: its meetings and minutes (meetings), agenda items (items)."""
