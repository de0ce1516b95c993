-- The calendar month (UTC) as an SLO budget window, the one most SLAs use (issue 27).
ALTER TYPE "SloWindow" ADD VALUE 'calendar_month';
