package cli

import "time"

// timeNow is the clock; tests replace it.
var timeNow = time.Now
