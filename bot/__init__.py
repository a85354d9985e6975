"""newsbot core: text, extraction, questions, answers, digest. Knows nothing of Slack payloads."""
