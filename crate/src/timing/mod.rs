//! Session timing: intervals, idle discard, totals, day/week bucketing. Built in issue #5.
