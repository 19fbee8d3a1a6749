// In a document, n and p (or the arrows) step through the marked matches. See: #3
import { test, expect } from './helpers';

test('n and p move between matches and wrap around', async ({ page }) => {
  await page.goto('./#q=idlib&doc=press-release-2018-10-17');
  const status = page.getByTestId('match-status');
  await expect(status).toHaveText('4 matches');
  await page.getByTestId('document-title').focus();
  await page.keyboard.press('n');
  await expect(status).toHaveText('Match 1 of 4');
  const current = page.locator('mark.mark--current');
  await expect(current).toHaveCount(1);
  await expect(current).toBeInViewport();
  await page.keyboard.press('n');
  await expect(status).toHaveText('Match 2 of 4');
  await page.keyboard.press('p');
  await page.keyboard.press('p');
  await expect(status).toHaveText('Match 4 of 4');
  await page.getByTestId('next-match').click();
  await expect(status).toHaveText('Match 1 of 4');
});
