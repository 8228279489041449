document.getElementById('app')!.textContent = 'admin';
