#!/usr/bin/env node
// Before the tests: the browser tests drive Debian's Chromium (playwright-core never downloads one).
// Install it when missing and we may (root with apt-get); otherwise say exactly what to do.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.ZIPING_CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root && existsSync('/usr/bin/apt-get')) {
    console.log('正在安装 Chromium（浏览器测试需要）… installing Debian chromium for the browser tests');
    execSync(
      'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >/dev/null',
      { stdio: 'inherit', shell: '/bin/bash' },
    );
  } else {
    console.error(
      `找不到 ${CHROMIUM}。请先安装：sudo apt-get install chromium（或设置 ZIPING_CHROMIUM 指向 Chromium）`,
    );
    process.exit(1);
  }
}
