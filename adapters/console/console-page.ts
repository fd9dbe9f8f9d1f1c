import express, { type Express, type Response } from 'express';
import { join } from 'node:path';
import { projectRoot } from '../../src/support/project-root';

/** The page's own files: plain HTML, CSS and JavaScript, no build step, nothing from the internet. */
export function consolePublicDir(): string {
  return join(projectRoot(), 'adapters', 'console', 'public');
}

// Only our own scripts and styles; data is inserted with textContent, and this stops anything else.
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

function pageHeaders(res: Response): void {
  res.setHeader('Content-Security-Policy', CSP);
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cache-Control', 'no-cache');
}

/** GET /console (the page) and /console/<asset>. */
export function mountConsolePage(http: Express, dir = consolePublicDir()): void {
  const index = join(dir, 'index.html');
  http.get(['/console', '/console/'], (_req, res, next) => {
    pageHeaders(res);
    res.sendFile(index, (err) => err && next(err));
  });
  http.use('/console', express.static(dir, { index: false, redirect: false, fallthrough: true, setHeaders: pageHeaders }));
}
