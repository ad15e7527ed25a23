-- Headless check of editors/nvim/plan-lint.lua:
--   PLAN_LINT_BIN=target/release/plan-lint nvim --headless --clean \
--     -u editors/nvim/check.lua /tmp/000.plan.txt
-- Prints the filetype, the number of plan-lint diagnostics and the first
-- few, then quits (exit 1 when none arrive within 20 s).
local here = debug.getinfo(1, 'S').source:sub(2):match('(.*/)') or './'
dofile(here .. 'plan-lint.lua')
vim.api.nvim_create_autocmd('VimEnter', { callback = function()
  local buf = vim.api.nvim_get_current_buf()
  local ok = vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
  vim.wait(500)
  local diags = vim.diagnostic.get(buf)
  io.stdout:write(string.format('filetype=%s diagnostics=%d\n', vim.bo[buf].filetype, #diags))
  table.sort(diags, function(a, b) return a.lnum < b.lnum end)
  for i = 1, math.min(#diags, 25) do
    local d = diags[i]
    io.stdout:write(string.format('%d:%d %s %s\n', d.lnum + 1, d.col + 1, d.code or '', d.message))
  end
  vim.cmd(ok and 'qall!' or 'cquit 1')
end })
