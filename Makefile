# rapport — build, run, test.
GO      ?= go
BIN     ?= rapport
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -s -w -X rapport/cli.Version=$(VERSION)

.PHONY: build run test bench lint cover clean

build:
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN) .

# Opens the TUI on the default database ($RAPPORT_DB, else ~/.local/share/rapport/rapport.db).
run: build
	./$(BIN)

test:
	$(GO) test ./...

# Benchmarks for the budgets of PRODUCT.md §5 on a large demo database (built once, cached under $TMPDIR).
bench:
	$(GO) test -run '^$$' -bench . -benchtime 200x -timeout 30m ./bench/

lint:
	$(GO) vet ./...
	$(GO) run honnef.co/go/tools/cmd/staticcheck@2025.1.1 ./...

cover:
	$(GO) test -coverprofile=cover.out ./...
	$(GO) tool cover -func=cover.out | tail -n 1

clean:
	rm -f $(BIN) cover.out
