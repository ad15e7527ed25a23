-- plan-lint for Neovim: filetype detection for plan documents and the
-- language server (`plan-lint lsp`) attached to them.
--
-- Use: copy this file to ~/.config/nvim/lua/plan-lint.lua and put
--   require('plan-lint').setup()
-- in init.lua (options: see `defaults` below), or source it directly:
--   nvim -u editors/nvim/plan-lint.lua   (it calls setup() when sourced
--   as a script rather than required).
-- Works with Neovim 0.7 (Debian 12: no vim.lsp.start, so start_client +
-- buf_attach_client) and 0.8+ (vim.lsp.start).

local M = {}

local defaults = {
  -- The binary; `plan-lint` on PATH unless given (or $PLAN_LINT_BIN is set).
  cmd = { os.getenv('PLAN_LINT_BIN') or 'plan-lint', 'lsp' },
  -- Filetypes linted; add 'text' or 'markdown' to lint those buffers too.
  filetypes = { 'plan' },
  -- Files marking the project root (the server finds plan-lint.toml itself).
  root_markers = { 'plan-lint.toml', '.git' },
}

local function root_dir(buf, markers)
  local name = vim.api.nvim_buf_get_name(buf)
  local dir = name ~= '' and vim.fn.fnamemodify(name, ':p:h') or vim.fn.getcwd()
  for _, marker in ipairs(markers) do
    local file = vim.fn.findfile(marker, dir .. ';')
    if file ~= '' then
      return vim.fn.fnamemodify(file, ':p:h')
    end
    local folder = vim.fn.finddir(marker, dir .. ';')
    if folder ~= '' then
      -- ':p' of a folder ends in '/': ':h' drops that, the second the marker.
      return vim.fn.fnamemodify(folder, ':p:h:h')
    end
  end
  return dir
end

local clients = {} -- root → client id (Neovim 0.7 path)

local function attach(buf, opts)
  if vim.fn.executable(opts.cmd[1]) ~= 1 then
    vim.notify('plan-lint: "' .. opts.cmd[1] .. '" not found; install it (cargo install --path . in the plan-lint repository) or set cmd', vim.log.levels.ERROR)
    return
  end
  local root = root_dir(buf, opts.root_markers)
  if vim.lsp.start then -- Neovim 0.8+
    vim.lsp.start({ name = 'plan-lint', cmd = opts.cmd, root_dir = root }, { bufnr = buf })
    return
  end
  local id = clients[root]
  if not id or not vim.lsp.get_client_by_id(id) then
    id = vim.lsp.start_client({ name = 'plan-lint', cmd = opts.cmd, root_dir = root })
    clients[root] = id
  end
  if id then
    vim.lsp.buf_attach_client(buf, id)
  end
end

function M.setup(user)
  local opts = vim.tbl_deep_extend('force', defaults, user or {})
  local group = vim.api.nvim_create_augroup('plan-lint', { clear = true })
  -- Filetype detection: *.plan, *.plan.txt, *.方案.txt.
  vim.api.nvim_create_autocmd({ 'BufRead', 'BufNewFile' }, {
    group = group,
    pattern = { '*.plan', '*.plan.txt', '*.方案.txt' },
    callback = function(args)
      vim.api.nvim_buf_set_option(args.buf, 'filetype', 'plan')
    end,
  })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = opts.filetypes,
    callback = function(args)
      attach(args.buf, opts)
    end,
  })
  return M
end

-- Sourced as a script (`-u plan-lint.lua`, `:luafile`): set up at once.
if not ... then
  M.setup()
end

return M
