-- Every committed change to a user is announced on the channel gatehouse_user_changed with the user's
-- canonical username, so each instance can drop that user from its in-memory cache (CachingUserRepository).
-- A trigger rather than application code, so that changes made in SQL by an operator are announced too.
-- PostgreSQL delivers the notification only when the transaction commits, and never for a rolled-back one.
-- TRUNCATE announces '*': forget every cached user.
CREATE FUNCTION gatehouse_announce_user_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        PERFORM pg_notify('gatehouse_user_changed', '*');
        RETURN NULL;
    END IF;
    PERFORM pg_notify('gatehouse_user_changed', OLD.username_canonical);
    IF TG_OP = 'UPDATE' AND NEW.username_canonical <> OLD.username_canonical THEN
        PERFORM pg_notify('gatehouse_user_changed', NEW.username_canonical);
    END IF;
    RETURN NULL;
END;
$$;

-- Inserts are not announced: a cache only holds users that exist, never the absence of one.
CREATE TRIGGER users_announce_change
    AFTER UPDATE OR DELETE ON users
    FOR EACH ROW EXECUTE FUNCTION gatehouse_announce_user_change();

CREATE TRIGGER users_announce_truncate
    AFTER TRUNCATE ON users
    FOR EACH STATEMENT EXECUTE FUNCTION gatehouse_announce_user_change();
