-- What the database keeps whoever connects (the app, a script, a person at psql): the
-- app never does any of what follows, so a refusal here means something went wrong.

-- A decided case is final: not only its decision (proposal_decision_is_final) but every
-- column. So is a withdrawn case that had been submitted. Notes on them are new rows in
-- case_note, so nothing the app does on a closed case updates this row.
CREATE FUNCTION refuse_change_to_closed_case() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD."submitted_at" IS NOT NULL OR OLD."reference" IS NOT NULL THEN
      RAISE EXCEPTION 'proposal % was submitted: it cannot be deleted', OLD."id"
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD."status" = 'DECIDED' AND NEW IS DISTINCT FROM OLD THEN
    RAISE EXCEPTION 'proposal % is decided: it cannot change', OLD."id"
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD."status" = 'WITHDRAWN' AND OLD."submitted_at" IS NOT NULL AND NEW IS DISTINCT FROM OLD THEN
    RAISE EXCEPTION 'proposal % was withdrawn: it cannot change', OLD."id"
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER proposal_closed_is_final
  BEFORE UPDATE OR DELETE ON "proposal"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_closed_case();

-- A published reference data version is what past decisions name: a change is a new row.
CREATE TRIGGER reference_data_version_no_update_or_delete
  BEFORE UPDATE OR DELETE ON "reference_data_version"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_record();

-- TRUNCATE fires no row triggers, and TRUNCATE ... CASCADE empties every table that
-- refers to the one named: each table of record refuses it for itself.
CREATE FUNCTION refuse_truncate() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is a table of record: TRUNCATE is not allowed', TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER proposal_no_truncate BEFORE TRUNCATE ON "proposal"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();
CREATE TRIGGER proposal_submission_no_truncate BEFORE TRUNCATE ON "proposal_submission"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();
CREATE TRIGGER case_task_no_truncate BEFORE TRUNCATE ON "case_task"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();
CREATE TRIGGER case_note_no_truncate BEFORE TRUNCATE ON "case_note"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();
CREATE TRIGGER information_request_no_truncate BEFORE TRUNCATE ON "information_request"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();
CREATE TRIGGER reference_data_version_no_truncate BEFORE TRUNCATE ON "reference_data_version"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();
-- Emptied, it would issue SPO-2026-00001 a second time.
CREATE TRIGGER reference_counter_no_truncate BEFORE TRUNCATE ON "reference_counter"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();
CREATE TRIGGER app_user_no_truncate BEFORE TRUNCATE ON "app_user"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();
CREATE TRIGGER role_assignment_no_truncate BEFORE TRUNCATE ON "role_assignment"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();
CREATE TRIGGER department_no_truncate BEFORE TRUNCATE ON "department"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();
CREATE TRIGGER school_no_truncate BEFORE TRUNCATE ON "school"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();
