"""The pages of the wijkraadpleging for voters and the public (issue #12)."""
