import { ApiError, inLanguage } from './problem';

describe('problem texts', () => {
  it('shows the half of a bilingual text in the reader’s language', () => {
    expect(inLanguage('ログインできません / Login failed', 'ja')).toBe('ログインできません');
    expect(inLanguage('ログインできません / Login failed', 'en')).toBe('Login failed');
    expect(inLanguage('一つの言語だけ', 'en')).toBe('一つの言語だけ');
  });

  it('finds the message of an invalid field', () => {
    const error = new ApiError(400, {
      title: '入力内容を確認してください / Invalid input',
      errors: [{ field: 'handle', message: 'ハンドルは3〜30文字 / 3 to 30 characters' }],
    });
    expect(error.title).toBe('入力内容を確認してください');
    expect(error.fieldMessage('handle')).toBe('ハンドルは3〜30文字');
    expect(error.fieldMessage('email')).toBeUndefined();
  });

  it('says a lost connection in words', () => {
    expect(new ApiError(0, {}).title).toContain('接続');
  });
});
