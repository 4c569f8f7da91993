# rapport — build, run, test.
GO      ?= go
BIN     ?= rapport
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -s -w -X rapport/cli.Version=$(VERSION)

.PHONY: build run test bench lint cover clean

# Pure Go (SQLite included), so a static binary: it starts without the dynamic loader.
build:
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN) .

# Opens the TUI on the default database ($RAPPORT_DB, else ~/.local/share/rapport/rapport.db).
run: build
	./$(BIN)

test:
	TZ=UTC $(GO) test ./...

# The performance budgets (README) on the large demo database (built once a day, cached under $TMPDIR);
# each benchmark loops internally and the run ends with one table of median, p99 and pass/fail.
bench:
	$(GO) test -run '^$$' -bench . -benchtime 1x -timeout 60m ./bench/

lint:
	$(GO) vet ./...
	$(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...

cover:
	$(GO) test -coverprofile=cover.out ./...
	$(GO) tool cover -func=cover.out | tail -n 1

clean:
	rm -f $(BIN) cover.out
