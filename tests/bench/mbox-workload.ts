/**
 * A realistic Takeout-like mbox for the import benchmark, made deterministically (no files):
 * full Gmail header blocks (Received, DKIM, ARC, Authentication-Results), threads of 1-6
 * messages, and bodies in the proportions of a working mailbox: plain replies with quoted
 * history, multipart/alternative, messages with base64 attachments (a long tail up to MBs, most
 * of the bytes), HTML newsletters. Runs in Node and, bundled, in Chromium.
 */
import { random } from './random';

const OWNER = { name: 'Sanne de Vries', address: 'sanne@buurtkracht.nl' };
const MUNICIPALITIES = [
  'zwolle.nl',
  'amsterdam.nl',
  'utrecht.nl',
  'overbetuwe.nl',
  'nuenen.nl',
  'sudwestfryslan.nl',
  'weesp.nl',
  'ede.nl',
  'arnhem.nl',
  'deventer.nl',
];
const OTHERS = ['gmail.com', 'hotmail.com', 'ziggo.nl', 'wijkwelzijnzwolle.nl', 'overbetuwevoorelkaar.nl', 'movisie.nl'];
const FIRST = [
  'Erik',
  'Monique',
  'Fatima',
  'Henk',
  'Lotte',
  'Gerrit',
  'Pieter',
  'Sjoukje',
  'Karin',
  'Kees',
  'Anouk',
  'Mark',
  'Daan',
  'Ilse',
  'Jeroen',
  'Noor',
];
const LAST = [
  'Bosman',
  'van Dijk',
  'El Amrani',
  'Jansen',
  'Verbeek',
  'Hendriks',
  'de Graaf',
  'Hoekstra',
  'Aerts',
  'Mulder',
  'Visser',
  'de Boer',
  'Smit',
  'Bakker',
];
const WORDS =
  'de het een en van in op te dat is voor met niet aan zijn er maar om ook als bij nog wel naar dan zo al wat kan uit over wijk buurt gemeente subsidie overleg afspraak vrijwilligers bewoners project aanvraag begroting planning evaluatie jeugd zorg welzijn participatie dinsdag donderdag volgende week graag dank bericht vraag antwoord voorstel café één coördinatie'.split(
    ' ',
  );

type Person = { name: string; address: string };

export interface MboxWorkload {
  bytes: Uint8Array;
  messages: number;
  attachments: number;
}

function base64Pool(next: () => number, bytes: number): string {
  const raw = new Uint8Array(bytes);
  for (let index = 0; index < bytes; index++) raw[index] = Math.floor(next() * 256);
  let binary = '';
  for (let index = 0; index < raw.length; index += 0x8000) binary += String.fromCharCode(...raw.subarray(index, index + 0x8000));
  return btoa(binary);
}

/** `size` bytes of base64 in 76-character lines, cut from the pool at a random place. */
function base64Body(pool: string, next: () => number, size: number): string {
  const lines: string[] = [];
  let remaining = Math.max(76, size);
  while (remaining > 0) {
    const start = Math.floor(next() * (pool.length - 80));
    lines.push(pool.slice(start, start + 76));
    remaining -= 77;
  }
  return lines.join('\n');
}

export function makeMboxWorkload(targetBytes: number, seed = 7): MboxWorkload {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const pool = base64Pool(next, 3 * 1024 * 1024);
  const people: Person[] = Array.from({ length: 400 }, (_, index) => {
    const first = pick(FIRST);
    const last = pick(LAST);
    const roll = next();
    const domain = roll < 0.55 ? pick(MUNICIPALITIES) : roll < 0.85 ? pick(OTHERS) : 'buurtkracht.nl';
    return {
      name: `${first} ${last}`,
      address: `${first.toLowerCase()}.${last.toLowerCase().replace(/\s+/g, '')}${index}@${domain}`,
    };
  });
  const senders: Person[] = [
    { name: 'Nieuwsbrief Sociaal Domein', address: 'nieuwsbrief@movisie.nl' },
    { name: 'Gemeente Zwolle', address: 'noreply@zwolle.nl' },
    { name: 'Buurtnetwerk', address: 'info=buurtnetwerk.nl@mail42.suw12.mcsv.net' },
  ];
  const sentence = (words: number) => {
    const out: string[] = [];
    for (let index = 0; index < words; index++) out.push(pick(WORDS));
    const text = out.join(' ');
    return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
  };
  const paragraph = () =>
    Array.from({ length: 2 + Math.floor(next() * 4) }, () => sentence(6 + Math.floor(next() * 14))).join(' ');
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  let total = 0;
  let messages = 0;
  let attachments = 0;
  let thread = { id: 1_849_000_000_000_000_000n, left: 0, subject: '', other: people[0]!, root: '' };
  let time = Date.UTC(2023, 0, 2, 8);

  while (total < targetBytes) {
    if (thread.left === 0) {
      thread = {
        id: thread.id + BigInt(1 + Math.floor(next() * 1e9)),
        left: 1 + Math.floor(next() * 6),
        subject: sentence(3 + Math.floor(next() * 5)).slice(0, -1),
        other: pick(people),
        root: '',
      };
    }
    thread.left--;
    time += Math.floor(next() * 4 * 3_600_000);
    const messageId = `${messages.toString(36)}.${Math.floor(next() * 1e12).toString(36)}@mail.gmail.com`;
    const kindRoll = next();
    const kind = kindRoll < 0.45 ? 'plain' : kindRoll < 0.78 ? 'alternative' : kindRoll < 0.9 ? 'attachment' : 'newsletter';
    const outgoing = kind !== 'newsletter' && next() < 0.4;
    const from = kind === 'newsletter' ? pick(senders) : outgoing ? OWNER : thread.other;
    const to = outgoing ? thread.other : OWNER;
    const date = new Date(time);
    const separatorDate = date.toUTCString().replace(/^(\w+), (\d+) (\w+) (\d+) ([\d:]+) GMT$/, '$1 $3 $2 $5 +0000 $4');
    const gmailId = (thread.id + BigInt(messages)).toString();
    const replying = thread.root !== '';
    const headers = [
      `From ${gmailId}@xxx ${separatorDate}`,
      `X-GM-THRID: ${thread.id}`,
      `X-Gmail-Labels: ${outgoing ? 'Sent' : kind === 'newsletter' ? 'Inbox,Category Promotions' : 'Inbox,Important,Opened'}`,
      `Delivered-To: ${OWNER.address}`,
      `Received: by 2002:a05:6504:10c1:b0:2f1:1b2c:5e8a with SMTP id k1csp${messages}lti;\n        ${date.toUTCString().replace('GMT', '-0800 (PST)')}`,
      `X-Received: by 2002:a17:907:7f8a:b0:a99:4e3c:1f2 with SMTP id qk10mr${messages}ejc.12.${time};\n        ${date.toUTCString().replace('GMT', '-0800 (PST)')}`,
      `ARC-Seal: i=1; a=rsa-sha256; t=${Math.floor(time / 1000)}; cv=none;\n        d=google.com; s=arc-20240605;\n        b=${base64Body(pool, next, 340).replace(/\n/g, '\n         ')}`,
      `Return-Path: <${from.address}>`,
      `Received: from mail.${from.address.split('@')[1]} (mail.${from.address.split('@')[1]}. [145.12.${messages % 255}.${(messages * 7) % 255}])\n        by mx.google.com with ESMTPS id a640c23a62f3a-a99${messages}si.2026.${time}\n        for <${OWNER.address}>\n        (version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256);\n        ${date.toUTCString()}`,
      `Authentication-Results: mx.google.com;\n       dkim=pass header.i=@${from.address.split('@')[1]} header.s=selector1 header.b=Qx3f9aK1;\n       spf=pass (google.com: domain of ${from.address} designates 145.12.1.1 as permitted sender) smtp.mailfrom=${from.address};\n       dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=${from.address.split('@')[1]}`,
      `DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=${from.address.split('@')[1]}; s=selector1;\n        h=From:Date:Subject:Message-ID:Content-Type:MIME-Version;\n        bh=${base64Body(pool, next, 44)};\n        b=${base64Body(pool, next, 340).replace(/\n/g, '\n         ')}`,
      'MIME-Version: 1.0',
      `Date: ${date.toUTCString().replace('GMT', '+0000')}`,
      ...(replying ? [`References: <${thread.root}>`, `In-Reply-To: <${thread.root}>`] : []),
      `Message-ID: <${messageId}>`,
      `Subject: ${replying ? 'Re: ' : ''}${thread.subject}`,
      `From: ${from.name} <${from.address}>`,
      `To: ${to.name} <${to.address}>`,
      ...(kind === 'newsletter' ? ['List-Unsubscribe: <mailto:afmelden@movisie.nl>', 'Precedence: bulk'] : []),
    ];
    if (!replying) thread.root = messageId;
    const text = [
      `Beste ${to.name.split(' ')[0]},`,
      ...Array.from({ length: 1 + Math.floor(next() * 5) }, paragraph),
      'Met vriendelijke groet,',
      `${from.name}\nBeleidsadviseur\nGemeente`,
      ...(replying
        ? [
            `Op ${date.toUTCString()} schreef ${to.name} <${to.address}>:\n${Array.from({ length: 2 + Math.floor(next() * 30) }, () => `> ${sentence(12)}`).join('\n')}`,
          ]
        : []),
    ].join('\n\n');
    const html = `<html><head><style>p{margin:0}</style></head><body><div dir="ltr">${text
      .split('\n\n')
      .map((block) => `<p>${block.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\n/g, '<br>')}</p>`)
      .join('\n')}</div></body></html>`;
    let body: string;
    if (kind === 'plain') {
      body = `${headers.join('\n')}\nContent-Type: text/plain; charset="UTF-8"\nContent-Transfer-Encoding: 8bit\n\n${text}\n`;
    } else if (kind === 'newsletter') {
      const blocks = Array.from(
        { length: 20 + Math.floor(next() * 60) },
        () =>
          `<table width="600"><tr><td style="font-family:Arial;font-size:14px;color:#333333;padding:12px"><h2>${sentence(5)}</h2><p>${paragraph()}</p><a href="https://movisie.nl/artikel/${Math.floor(next() * 1e6)}?utm_source=nieuwsbrief&amp;utm_medium=email">Lees verder</a></td></tr></table>`,
      );
      body = `${headers.join('\n')}\nContent-Type: text/html; charset="UTF-8"\nContent-Transfer-Encoding: 8bit\n\n<html><body>${blocks.join('\n')}</body></html>\n`;
    } else {
      const alternative = `--alt${messages}\nContent-Type: text/plain; charset="UTF-8"\nContent-Transfer-Encoding: 8bit\n\n${text}\n\n--alt${messages}\nContent-Type: text/html; charset="UTF-8"\nContent-Transfer-Encoding: 8bit\n\n${html}\n\n--alt${messages}--\n`;
      if (kind === 'alternative') {
        body = `${headers.join('\n')}\nContent-Type: multipart/alternative; boundary="alt${messages}"\n\n${alternative}`;
      } else {
        // attachment sizes with a long tail: most are tens to hundreds of KB, one in 30 is 2-8 MB
        const files = next() < 0.7 ? 1 : 2;
        const attached: string[] = [];
        for (let file = 0; file < files; file++) {
          const size = next() < 1 / 30 ? Math.floor(2_000_000 + next() * 6_000_000) : Math.floor(20_000 * Math.exp(next() * 4));
          attachments++;
          attached.push(
            `--mix${messages}\nContent-Type: application/pdf; name="bijlage-${file}.pdf"\nContent-Disposition: attachment; filename="bijlage-${file}.pdf"\nContent-Transfer-Encoding: base64\n\n${base64Body(pool, next, size)}\n`,
          );
        }
        body = `${headers.join('\n')}\nContent-Type: multipart/mixed; boundary="mix${messages}"\n\n--mix${messages}\nContent-Type: multipart/alternative; boundary="alt${messages}"\n\n${alternative}\n${attached.join('')}--mix${messages}--\n`;
      }
    }
    // mboxrd quoting of body lines that start with "From "
    const part = encoder.encode(`${body.replace(/\n(>*From )/g, '\n>$1').replace(/^>(From \d+@xxx)/, '$1')}\n`);
    parts.push(part);
    total += part.length;
    messages++;
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return { bytes, messages, attachments };
}
