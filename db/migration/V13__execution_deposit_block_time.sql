-- When a deposit was paid, by its chain: the timestamp of its block. The commit compares it with the quote's expiry,
-- so a payment made in time is honoured however long its confirmations take (within quotes.expiry.grace-seconds).
ALTER TABLE execution.deposits ADD COLUMN block_time timestamptz;
-- Rows recorded before this column existed keep the time they were recorded.
UPDATE execution.deposits SET block_time = received_at WHERE block_time IS NULL;
ALTER TABLE execution.deposits ALTER COLUMN block_time SET NOT NULL;
