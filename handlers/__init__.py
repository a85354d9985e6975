"""Thin Slack listeners, one surface per module; each module's `register(app, service)` adds its listeners.

They acknowledge first, then hand the work to bot/ (through `bot.app.SlackService`, in worker threads)."""
