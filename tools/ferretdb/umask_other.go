//go:build !unix

package main

// privateFiles: Windows has no umask; the data folder's access list applies.
func privateFiles() {}
