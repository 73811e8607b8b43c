"""Notifications: the in-app list (its pages come with the social network) and `notify`."""
