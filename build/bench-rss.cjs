// Preloaded into benchmarked processes: reports their peak resident memory.
process.on('exit', () => {
  process.stderr.write(`\n@@maxrss ${process.resourceUsage().maxRSS}\n`);
});
