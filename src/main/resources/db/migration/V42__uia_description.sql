-- What a User-Interactive Authentication session authorises, in words ("delete the device ABC"),
-- written when the session starts and shown on the fallback pages, so that a link sent by someone
-- else cannot silently authorise an operation its reader did not start.

ALTER TABLE gh_uia_session ADD COLUMN description VARCHAR(1024);
