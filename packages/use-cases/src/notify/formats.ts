import { createHmac } from 'node:crypto';
import type { WebhookFormat } from '@engine/db';
import { Webhook } from 'standardwebhooks';
import type { PostAnswer } from './guarded-post.ts';
import { clockLabels, kindLabels, type WebhookPayload } from './payload.ts';

/** One delivery as it goes on the wire, and how to tell whether its receiver took it. */
export interface WireRequest {
  url: URL;
  headers: Record<string, string>;
  body: string;
  /** Null when taken, else why not (the robots answer HTTP 200 with an error code in the body). */
  refusalOf: (answer: PostAnswer) => string | null;
}

/** The signature the first receivers check (kept beside Standard Webhooks): HMAC-SHA256 of the body. */
export function signatureOf(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * The Standard Webhooks key of a secret: a `whsec_` secret is base64 of the key; an older, plain
 * secret is its own bytes (a receiver verifies with `new Webhook(secret, { format: 'raw' })`).
 */
function standardWebhook(secret: string): Webhook {
  return secret.startsWith('whsec_')
    ? new Webhook(secret)
    : new Webhook(new Uint8Array(Buffer.from(secret, 'utf8')), { format: 'raw' });
}

export function wireRequest(
  format: WebhookFormat,
  delivery: { id: number; url: string; secret: string },
  payload: WebhookPayload,
  sentAt: Date,
): WireRequest {
  const url = new URL(delivery.url);
  if (format === 'dingtalk') return dingTalkRequest(url, delivery.secret, payload, sentAt);
  if (format === 'wecom') return weComRequest(url, payload);
  const body = JSON.stringify(payload);
  const messageId = String(delivery.id);
  return {
    url,
    headers: {
      'content-type': 'application/json',
      // Standard Webhooks: the id is the same on every retry, so a receiver can drop repeats.
      'webhook-id': messageId,
      'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
      'webhook-signature': standardWebhook(delivery.secret).sign(messageId, sentAt, body),
      'x-engine-signature': signatureOf(delivery.secret, body),
      'x-engine-delivery': messageId,
    },
    body,
    refusalOf: (answer) => (answer.status >= 200 && answer.status < 300 ? null : `HTTP ${answer.status}`),
  };
}

/**
 * DingTalk custom robot (自定义机器人), "加签" security: sign = base64(HMAC-SHA256(secret,
 * timestamp + "\n" + secret)) with the timestamp in milliseconds, both as query parameters.
 */
function dingTalkRequest(url: URL, secret: string, payload: WebhookPayload, sentAt: Date): WireRequest {
  const timestamp = String(sentAt.getTime());
  const signed = new URL(url);
  signed.searchParams.set('timestamp', timestamp);
  signed.searchParams.set(
    'sign',
    createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64'),
  );
  return {
    url: signed,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      msgtype: 'markdown',
      markdown: { title: payload.title, text: markdownOf(payload) },
    }),
    refusalOf: robotRefusal,
  };
}

/** WeCom group robot (群机器人): the key in the URL is the credential; no other signing. */
function weComRequest(url: URL, payload: WebhookPayload): WireRequest {
  return {
    url,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ msgtype: 'markdown', markdown: { content: markdownOf(payload) } }),
    refusalOf: robotRefusal,
  };
}

/** Both robots answer `{"errcode":0,"errmsg":"ok"}` when they took the message. */
function robotRefusal(answer: PostAnswer): string | null {
  if (answer.status < 200 || answer.status >= 300) return `HTTP ${answer.status}`;
  try {
    const { errcode, errmsg } = JSON.parse(answer.body) as { errcode?: number; errmsg?: string };
    return errcode === 0 ? null : `robot error ${errcode}: ${errmsg ?? ''}`.trim();
  } catch {
    return 'robot answered no JSON';
  }
}

/** The message a duty group reads, in Chinese, every time in the policy's zone. */
export function markdownOf(p: WebhookPayload): string {
  const lines = [`### ${plain(p.title)}`];
  const add = (label: string, value: string | null) => {
    if (value) lines.push(`- ${label}：${plain(value)}`);
  };
  add('部门', p.departmentName ?? p.departmentId);
  add('营业厅', p.hallName ?? p.hallId);
  add('人员', p.personName ?? p.personId);
  add('摘要', p.summary);
  add('时限', p.clock && (clockLabels[p.clock] ?? p.clock));
  add('截止', p.deadline && readable(p.deadline));
  add('已超时', p.overdueSeconds !== null && p.overdueSeconds > 0 ? duration(p.overdueSeconds) : null);
  add('剩余', p.remainingSeconds !== null ? duration(p.remainingSeconds) : null);
  add('说明', p.note);
  add(kindLabels[p.kind] ? `${kindLabels[p.kind]}时间` : '时间', readable(p.at));
  if (p.provisional) lines.push(`- 注意：${p.provisionalYears?.join('、')} 年按临时节假日数据计算`);
  lines.push('', `[在控制台查看](${p.url})`);
  return lines.join('\n');
}

/** 2026-11-20T13:00:00+08:00 -> 2026-11-20 13:00 (+08:00). */
function readable(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} (${iso.slice(-6)})`;
}

/** 7,530 s -> 2小时5分; 7,200 s -> 2小时. */
function duration(seconds: number): string {
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3_600);
  const minutes = Math.floor((seconds % 3_600) / 60);
  const larger = `${days ? `${days}天` : ''}${hours ? `${hours}小时` : ''}`;
  return minutes || !larger ? `${larger}${minutes}分` : larger;
}

/** Text someone typed (a summary, a name), shown as text: one line, no markdown links, tags or emphasis. */
function plain(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  const short = line.length > 200 ? `${line.slice(0, 200)}…` : line;
  return short.replace(/[[\]<>*_#`]/g, (c) => FULL_WIDTH[c] ?? c);
}

const FULL_WIDTH: Record<string, string> = {
  '[': '［',
  ']': '］',
  '<': '＜',
  '>': '＞',
  '*': '＊',
  _: '＿',
  '#': '＃',
  '`': '｀',
};
