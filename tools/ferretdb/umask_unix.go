//go:build unix

package main

import "syscall"

// privateFiles makes every file and directory FerretDB creates from now on readable by its owner
// only (SQLite databases, their -wal and -shm files): the data is members-only, and the database
// port has no authentication.
func privateFiles() {
	syscall.Umask(0o077)
}
