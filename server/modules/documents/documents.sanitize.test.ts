import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { htmlToParagraphs, htmlToText, sanitizeHtml } from './documents.sanitize.js';

describe('sanitizeHtml (正文净化)', () => {
  it.each([
    ['<p>正文</p>', '<p>正文</p>'],
    ['<p onclick="alert(1)">a</p>', '<p>a</p>'],
    ['<script>alert(1)</script><p>b</p>', '<p>b</p>'],
    ['<img src=x onerror=alert(1)>c', 'c'],
    ['<a href="javascript:alert(1)">链接</a>', '链接'],
    ['<p style="text-align:center">居中</p>', '<p style="text-align:center">居中</p>'],
    ['<p style="color:red;background:url(x)">x</p>', '<p>x</p>'],
    ['<b>粗</b><i>斜</i>', '<strong>粗</strong><em>斜</em>'],
    ['<p>未闭合<strong>加粗', '<p>未闭合<strong>加粗</strong></p>'],
    ['</p>孤立', '孤立'],
    ['<svg><script>alert(1)</script></svg>ok', 'ok'],
    ['<style>p{}</style>x', 'x'],
    ['<!-- <script> -->y', 'y'],
    ['a < b & c > d', 'a &lt; b &amp; c &gt; d'],
    ['&lt;script&gt;', '&lt;script&gt;'],
    ['<iframe src="x"></iframe>z', 'z'],
    ['<p title="x" class="y">t</p>', '<p>t</p>'],
    ['<ul><li>一</li><li>二</li></ul>', '<ul><li>一</li><li>二</li></ul>'],
  ])('%s → %s', (input, out) => {
    expect(sanitizeHtml(input)).toBe(out);
  });

  it('never lets a tag with an attribute other than text-align through, whatever the input', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 200 }),
        fc.constantFrom('<script>', '<img src=x onerror=y>', '<p onmouseover=1>', '"><svg onload=1>', '<a href=javascript:1>', '<p style="text-align:left">'),
        (s, inj) => {
          const out = sanitizeHtml(s + inj + s);
          expect(out).not.toMatch(/<(?!\/?(p|br|strong|em|u|ol|ul|li|h3|h4|blockquote)[ >])/i);
          expect(out).not.toMatch(/\son\w+=/i);
          expect(sanitizeHtml(out)).toBe(out);
        },
      ),
    );
  });

  it('extracts text and paragraphs for length checks and layout', () => {
    const html = sanitizeHtml('<p>一、<b>总体要求</b></p><p style="text-align:right">二、具体&amp;措施</p>');
    expect(htmlToText(html)).toBe('一、总体要求\n二、具体&措施');
    const p = htmlToParagraphs(html);
    expect(p).toHaveLength(2);
    expect(p[0]!.runs[1]).toMatchObject({ text: '总体要求', bold: true });
    expect(p[1]!.align).toBe('right');
  });

  it("keeps the editor's four heading levels (h2–h5 → 一、 （一） 1. （1）) and nothing above", () => {
    const html = sanitizeHtml('<h1>标题</h1><h2>一、总体要求</h2><h3>（一）目标</h3><h4>1.任务</h4><h5 onclick="x()">（1）分工</h5><h6>六</h6>');
    expect(html).toBe('标题<h2>一、总体要求</h2><h3>（一）目标</h3><h4>1.任务</h4><h5>（1）分工</h5>六');
    expect(htmlToParagraphs(html).map((p) => p.level)).toEqual([0, 1, 2, 3, 4, 0]);
  });
});
