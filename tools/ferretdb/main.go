// Command wbbsi-ferretdb runs FerretDB 1.24 (MongoDB wire protocol, SQLite storage by default, or
// PostgreSQL) as the embedded database of wbbsi-bot. It is built from FerretDB's embeddable package
// because the upstream binary built with `go install` panics on a missing generated version file.
// With SQLite it also keeps an index on `_id` for every collection (see idindex.go).
//
// It prints one JSON line {"uri": "..."} on stdout once it accepts connections, and stops on
// SIGINT/SIGTERM or, with -watch-stdin, when its standard input closes (the parent died).
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "TCP address to listen on (port 0 picks a free port)")
	dataDir := flag.String("data", "data", "directory for the SQLite files (created if missing)")
	postgresURL := flag.String("postgresql-url", "", "use FerretDB's PostgreSQL backend at this URL instead of SQLite files")
	idIndex := flag.Bool("id-index", true, "SQLite: index `_id` in every collection table (false: FerretDB as shipped)")
	indexInterval := flag.Duration("index-interval", time.Second, "SQLite: how often to look for new collections to index")
	logLevel := flag.String("log-level", "warn", "debug, info, warn or error")
	watchStdin := flag.Bool("watch-stdin", false, "stop when standard input reaches end of file")
	flag.Parse()

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fail("bad -log-level: %v", err)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	privateFiles()
	s, err := newServer(serverOptions{
		Listen:        *listen,
		DataDir:       *dataDir,
		PostgreSQLURL: *postgresURL,
		IDIndex:       *idIndex,
		IndexInterval: *indexInterval,
		Logger:        logger,
	})
	if err != nil {
		fail("cannot start FerretDB: %v", err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if *watchStdin {
		go func() {
			_, _ = io.Copy(io.Discard, os.Stdin)
			stop()
		}()
	}

	done := make(chan struct{})
	go func() {
		_ = s.Run(ctx)
		close(done)
	}()

	line, _ := json.Marshal(map[string]string{"uri": s.URI()})
	fmt.Println(string(line))

	<-done
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "wbbsi-ferretdb: "+format+"\n", args...)
	os.Exit(1)
}
