import KetaBridgeCore

extension Migration {
    /// Clinics, users, patients, care teams, sessions, API tokens, login throttling and the audit chain.
    /// Instants are BIGINT milliseconds since 1970 UTC and ids are TEXT on both engines (ADR 0002).
    static let foundation = Migration("0001-foundation") { _ in
        [
            """
            CREATE TABLE clinics (
                id TEXT PRIMARY KEY, name TEXT NOT NULL, time_zone TEXT NOT NULL, created_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE patients (
                id TEXT PRIMARY KEY, clinic_id TEXT NOT NULL REFERENCES clinics(id), mrn TEXT NOT NULL,
                given_name TEXT NOT NULL, family_name TEXT NOT NULL, given_name_lc TEXT NOT NULL, family_name_lc TEXT NOT NULL,
                date_of_birth TEXT NOT NULL, sex TEXT NOT NULL, email TEXT, phone TEXT,
                created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)
            """,
            "CREATE UNIQUE INDEX uq_patients__mrn ON patients (clinic_id, mrn)",
            "CREATE INDEX ix_patients_family ON patients (clinic_id, family_name_lc, given_name_lc)",
            "CREATE INDEX ix_patients_given ON patients (clinic_id, given_name_lc)",
            "CREATE INDEX ix_patients_dob ON patients (clinic_id, date_of_birth)",
            """
            CREATE TABLE users (
                id TEXT PRIMARY KEY, clinic_id TEXT NOT NULL REFERENCES clinics(id), email TEXT NOT NULL, name TEXT NOT NULL,
                role TEXT NOT NULL, patient_id TEXT REFERENCES patients(id), password_hash TEXT NOT NULL,
                active BOOLEAN NOT NULL, created_at BIGINT NOT NULL)
            """,
            "CREATE UNIQUE INDEX uq_users__email ON users (email)",
            """
            CREATE TABLE care_team (
                patient_id TEXT NOT NULL REFERENCES patients(id), user_id TEXT NOT NULL REFERENCES users(id),
                role TEXT NOT NULL, CONSTRAINT uq_care_team__user_id PRIMARY KEY (patient_id, user_id))
            """,
            "CREATE INDEX ix_care_team_user ON care_team (user_id, patient_id)",
            """
            CREATE TABLE api_tokens (
                id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), name TEXT NOT NULL, token_hash TEXT NOT NULL,
                created_at BIGINT NOT NULL, expires_at BIGINT, revoked_at BIGINT, last_used_at BIGINT)
            """,
            "CREATE UNIQUE INDEX uq_api_tokens__token_hash ON api_tokens (token_hash)",
            "CREATE TABLE login_failures (throttle_key TEXT NOT NULL, at BIGINT NOT NULL)",
            "CREATE INDEX ix_login_failures ON login_failures (throttle_key, at)",
            "CREATE TABLE web_sessions (key_hash TEXT PRIMARY KEY, value TEXT NOT NULL, expires_at BIGINT)",
            "CREATE INDEX ix_web_sessions_expires ON web_sessions (expires_at)",
            """
            CREATE TABLE audit_events (
                seq BIGINT PRIMARY KEY, at BIGINT NOT NULL, actor_id TEXT, actor_role TEXT, clinic_id TEXT, action TEXT NOT NULL,
                patient_id TEXT, record_type TEXT NOT NULL, record_id TEXT, client_address TEXT, outcome TEXT NOT NULL,
                prev_hash TEXT NOT NULL, hash TEXT NOT NULL)
            """,
            "CREATE INDEX ix_audit_clinic ON audit_events (clinic_id, seq)",
            "CREATE INDEX ix_audit_patient ON audit_events (patient_id, seq)",
            "CREATE INDEX ix_audit_actor ON audit_events (actor_id, seq)",
            // One row holding the chain's head; appends lock it, so the chain stays linear across app instances.
            "CREATE TABLE audit_head (id BIGINT PRIMARY KEY, seq BIGINT NOT NULL, hash TEXT NOT NULL)",
            "INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '\(AuditEvent.genesisHash)')",
        ]
    }
}
