package main

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
)

// serverOptions say how to run FerretDB: SQLite files in DataDir (the default), or PostgreSQL.
type serverOptions struct {
	Listen string
	// DataDir holds the SQLite files (created if missing). Ignored with PostgreSQLURL.
	DataDir string
	// PostgreSQLURL selects FerretDB's PostgreSQL backend instead of SQLite.
	PostgreSQLURL string
	// IDIndex keeps an index on `_id` for every collection table (SQLite only; see idindex.go).
	// Off runs FerretDB exactly as shipped (benchmarks compare the two).
	IDIndex bool
	// IndexInterval is how often the indexer looks for new collections.
	IndexInterval time.Duration
	Logger        *slog.Logger
}

// server is a running FerretDB; Run blocks until ctx ends.
type server struct {
	f       *ferretdb.FerretDB
	indexer *idIndexer
}

// newServer opens the storage (indexing the existing collections before any client can connect)
// and the listener.
func newServer(opts serverOptions) (*server, error) {
	cfg := &ferretdb.Config{Listener: ferretdb.ListenerConfig{TCP: opts.Listen}, Logger: opts.Logger}
	s := &server{}
	if opts.PostgreSQLURL != "" {
		cfg.Handler = "postgresql"
		cfg.PostgreSQLURL = opts.PostgreSQLURL
	} else {
		abs, err := filepath.Abs(opts.DataDir)
		if err != nil {
			return nil, err
		}
		if err := os.MkdirAll(abs, 0o700); err != nil {
			return nil, err
		}
		cfg.Handler = "sqlite"
		cfg.SQLiteURL = "file:" + abs + "/"
		if opts.IDIndex {
			interval := opts.IndexInterval
			if interval <= 0 {
				return nil, errors.New("index interval must be positive")
			}
			s.indexer = &idIndexer{dir: abs, interval: interval, logger: opts.Logger}
		}
	}
	f, err := ferretdb.New(cfg)
	if err != nil {
		return nil, err
	}
	s.f = f
	if s.indexer != nil {
		s.indexer.syncAll(context.Background())
	}
	return s, nil
}

// URI blocks until the listener has its address.
func (s *server) URI() string { return s.f.MongoDBURI() }

func (s *server) Run(ctx context.Context) error {
	if s.indexer != nil {
		go s.indexer.watch(ctx)
	}
	return s.f.Run(ctx)
}
