import type { Lang } from './i18n.tsx';

let clockOffsetMs = 0;

/** Sets the engine's clock as the console's: time left is counted from the engine's now, not the browser's. */
export function syncClock(serverTime: string): void {
  clockOffsetMs = Date.parse(serverTime) - Date.now();
}

/** The engine's now, in milliseconds. */
export function serverNow(): number {
  return Date.now() + clockOffsetMs;
}

/** The policy's zone (API.md: +08:00); every time the console shows is in it, whatever the browser's zone. */
export const ZONE = 'Asia/Shanghai';

const dateTime = {
  zh: new Intl.DateTimeFormat('zh-CN', {
    timeZone: ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }),
  en: new Intl.DateTimeFormat('en-GB', {
    timeZone: ZONE,
    year: 'numeric',
    month: 'short',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }),
};

/** 2026/11/23 09:15 (zh) or 23 Nov 2026, 09:15 (en), in the policy's zone. */
export function when(iso: string | null | undefined, lang: Lang): string {
  return iso ? dateTime[lang].format(new Date(iso)) : '—';
}

/** Hours and minutes as people say them: 2小时15分, 3天4小时; 2h 15m, 3d 4h. */
export function span(seconds: number, lang: Lang): string {
  const minutes = Math.max(1, Math.round(Math.abs(seconds) / 60));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const parts: [number, string, string][] = [
    [days, '天', 'd'],
    [hours, '小时', 'h'],
    [mins, '分', 'm'],
  ];
  // The two largest units are what people say ("3天4小时", not "3天4小时12分").
  const shown = parts.filter(([n]) => n > 0).slice(0, 2);
  return shown
    .map(([n, zh, en]) => (lang === 'zh' ? `${n}${zh}` : `${n}${en}`))
    .join(lang === 'zh' ? '' : ' ');
}

/** "剩余 2小时15分" or "已超时 3小时" from the deadline and now. */
export function timeLeft(deadline: string, now: number, lang: Lang): { text: string; overdue: boolean } {
  const seconds = (Date.parse(deadline) - now) / 1000;
  const overdue = seconds <= 0;
  const amount = span(seconds, lang);
  if (lang === 'zh') return { text: overdue ? `已超时 ${amount}` : `剩余 ${amount}`, overdue };
  return { text: overdue ? `overdue by ${amount}` : `${amount} left`, overdue };
}

const yuanFormat = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Fen as yuan with two decimals: 5,820.00. */
export function yuan(fen: number): string {
  return yuanFormat.format(fen / 100);
}

export function percent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`;
}

/** The month (YYYY-MM) an instant falls in, in the policy's zone. */
export function monthOf(date: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: ZONE,
    year: 'numeric',
    month: '2-digit',
  }).formatToParts(date);
  return `${parts.find((p) => p.type === 'year')!.value}-${parts.find((p) => p.type === 'month')!.value}`;
}

export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
