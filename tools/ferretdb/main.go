// Command wbbsi-ferretdb runs FerretDB 1.24 (MongoDB wire protocol, SQLite storage) as the
// embedded database of wbbsi-bot. It is built from FerretDB's embeddable package because the
// upstream binary built with `go install` panics on a missing generated version file.
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
	"path/filepath"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "TCP address to listen on (port 0 picks a free port)")
	dataDir := flag.String("data", "data", "directory for the SQLite files (created if missing)")
	logLevel := flag.String("log-level", "warn", "debug, info, warn or error")
	watchStdin := flag.Bool("watch-stdin", false, "stop when standard input reaches end of file")
	flag.Parse()

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fail("bad -log-level: %v", err)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	privateFiles()
	abs, err := filepath.Abs(*dataDir)
	if err != nil {
		fail("bad -data: %v", err)
	}
	if err := os.MkdirAll(abs, 0o700); err != nil {
		fail("cannot create data directory %s: %v", abs, err)
	}

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: *listen},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: "file:" + abs + "/",
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
		_ = f.Run(ctx)
		close(done)
	}()

	// MongoDBURI blocks until the listener has its address.
	line, _ := json.Marshal(map[string]string{"uri": f.MongoDBURI()})
	fmt.Println(string(line))

	<-done
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "wbbsi-ferretdb: "+format+"\n", args...)
	os.Exit(1)
}
