"""copydesk's built-in rules. Each module is a plugin registered through the
``copydesk`` entry-point group, exactly like a third-party rule package."""
