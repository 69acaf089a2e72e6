import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/harness.js';
import { canSee } from './authz.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

describeEachDialect(
  'attachments',
  (env) => {
    beforeAll(() => {
      const { ctx, demo } = env();
      // a probe owner type: item N belongs to the 督查室, level 1
      ctx.files.owners.set('probe', {
        canRead: async (_db, actor) => canSee(actor, { level: 1, unitIds: [demo.unitByCode.supervision!] }),
        canAttach: async (_db, actor) => actor.unitId === demo.unitByCode.supervision,
      });
    });

    it('stores a PDF by content hash and serves it as a download, never inline', async () => {
      const c = await env().login('dcs_zhang');
      const up = await c.upload('/api/files?ownerType=probe&ownerId=1', '督办通知.pdf', PDF);
      expect(up.status).toBe(201);
      expect(up.json).toMatchObject({ filename: '督办通知.pdf', mime: 'application/pdf', size: PDF.length });
      const down = await c.get(`/api/files/${up.json.id}`);
      expect(down.status).toBe(200);
      expect(down.body).toBe(PDF.toString());
      expect(down.headers['content-disposition']).toMatch(/^attachment;/);
      expect(down.headers['x-content-type-options']).toBe('nosniff');
      expect((await c.get('/api/files?ownerType=probe&ownerId=1')).json.items).toHaveLength(1);
    });

    it('refuses an HTML file disguised as PDF (415) and records nothing', async () => {
      const c = await env().login('dcs_zhang');
      const res = await c.upload('/api/files?ownerType=probe&ownerId=2', 'report.pdf', Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>'));
      expect(res.status).toBe(415);
      expect(res.json.error).toBe('file.type_mismatch');
      expect(res.json.message).toContain('pdf');
      const text = await c.upload('/api/files?ownerType=probe&ownerId=2', 'note.txt', Buffer.from('<html><body>hi</body></html>'));
      expect(text.status).toBe(415);
      const png = await c.upload('/api/files?ownerType=probe&ownerId=2', 'photo.pdf', PNG);
      expect(png.json.error).toBe('file.type_mismatch');
      expect((await c.get('/api/files?ownerType=probe&ownerId=2')).json.items).toHaveLength(0);
    });

    it('refuses an oversize file with 413 and records nothing', async () => {
      const c = await env().login('dcs_zhang');
      const big = Buffer.concat([PDF, Buffer.alloc(1024 * 1024 + 10, 0x20)]);
      const res = await c.upload('/api/files?ownerType=probe&ownerId=3', 'big.pdf', big);
      expect(res.status).toBe(413);
      expect(res.json.error).toMatch(/too_large/);
      expect((await c.get('/api/files?ownerType=probe&ownerId=3')).json.items).toHaveLength(0);
    });

    it('refuses bad file names and unknown types', async () => {
      const c = await env().login('dcs_zhang');
      const traversal = await c.upload('/api/files?ownerType=probe&ownerId=4', '../../etc/passwd.pdf', PDF);
      expect(traversal.json.filename).toBe('passwd.pdf');
      expect((await c.upload('/api/files?ownerType=probe&ownerId=4', '.htaccess.pdf', PDF)).status).toBe(400);
      expect((await c.upload('/api/files?ownerType=probe&ownerId=4', 'run.exe', Buffer.from('MZ\x90\x00'))).status).toBe(415);
    });

    it('serves and lists attachments only through the owner policy (404 otherwise) and refuses anonymous access', async () => {
      const owner = await env().login('dcs_zhang');
      const up = await owner.upload('/api/files?ownerType=probe&ownerId=5', 'a.pdf', PDF);
      const other = await env().login('fgw_xu');
      expect((await other.get(`/api/files/${up.json.id}`)).status).toBe(404);
      expect((await other.get('/api/files?ownerType=probe&ownerId=5')).status).toBe(404);
      expect((await other.upload('/api/files?ownerType=probe&ownerId=5', 'b.pdf', PDF)).status).toBe(404);
      const admin = await env().login('sysadmin');
      expect((await admin.get(`/api/files/${up.json.id}`)).status).toBe(404);
      expect((await env().anonymous().get(`/api/files/${up.json.id}`)).status).toBe(401);
      expect((await owner.get('/api/files/999999')).status).toBe(404);
    });
  },
  { env: { ZHONGSHU_MAX_UPLOAD_MB: '1' } },
);
